"""The editor: the language server's handlers, the lsprotocol conversion, editor features."""
