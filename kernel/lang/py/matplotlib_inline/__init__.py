"""matplotlib_inline for ctorch: how figures are shown in the notebook."""
