"""One folder per recipe (docs/howto/): a Django app when it has an apps.py, plain files otherwise."""
