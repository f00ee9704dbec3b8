"""The /data page: full downloads, the Frictionless data package, dictionary, licence, citation
and the dataset's change log."""
