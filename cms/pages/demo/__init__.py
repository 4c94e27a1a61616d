"""Demo content: the FBSS condition page and its related conditions, written for this product."""
