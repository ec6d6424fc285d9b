"""RPC request and reply models, one module per serving service."""
