"""The embedded server and the demo database: for `make run`, tests and benchmarks."""
