"""Demo content built from the seed article (../shared/seed): places, exhibits, honours, accounts."""
