package dev.spool.application.catalogue;

import dev.spool.domain.SpoolException;

/** The catalogue comes from outside Spool and cannot be changed through it. */
public final class CatalogueReadOnly extends SpoolException {
  public CatalogueReadOnly() {
    super("CATALOGUE_READ_ONLY", "this catalogue is supplied by the embedding service");
  }
}
