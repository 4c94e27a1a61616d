"""Demo content and ``load_demo``: the FBSS condition page, its related conditions, the spine
intake form and the "Spine condition" template, written for this product.

Installed by the development and test settings only; nothing else in ``cms`` imports it.
"""
