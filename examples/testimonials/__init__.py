"""An example section plugin: a patient testimonial (quote, attribution, optional photo)."""
