"""Example section plugins: small, documented apps that show how to extend condition pages."""
