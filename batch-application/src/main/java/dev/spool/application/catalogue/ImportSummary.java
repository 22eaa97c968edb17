package dev.spool.application.catalogue;

/** What an import added or changed: so many courses, SLOs and concepts. */
public record ImportSummary(int courses, int slos, int concepts) {}
