"""Package templates: the studio's catalogue of packages for sale."""
