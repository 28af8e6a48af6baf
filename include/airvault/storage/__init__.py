"""Files at rest: stores (local, S3), codecs, encryption, signing, manifests, uploads."""
