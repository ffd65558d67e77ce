"""Report stage: content blocks for the region notebooks, and the runner that executes and renders them."""
