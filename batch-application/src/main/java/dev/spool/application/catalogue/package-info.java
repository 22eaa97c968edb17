/**
 * The course catalogue: courses with their student learning outcomes (SLOs) and concepts, by id,
 * code and title, so that people pick them by name while batches keep referring to them by id.
 *
 * <p>{@link dev.spool.application.catalogue.CourseCatalogue} is the port an embedding service may
 * supply with its own (read-only) catalogue; {@link dev.spool.application.catalogue.CatalogueStore}
 * is the writable one the server keeps in PostgreSQL. {@link
 * dev.spool.application.catalogue.Catalogue} is the use case over either.
 */
package dev.spool.application.catalogue;
