"""Events produced by planning."""
