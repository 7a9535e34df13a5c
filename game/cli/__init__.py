"""The `safecity` command line: thin, it parses arguments and calls the layers."""
