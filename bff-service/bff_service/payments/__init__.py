"""Package catalogue and online payment screens (API.md "Money"), and the provider's webhook."""
