package io.aircheck.api.search;

import java.util.List;
import java.util.Optional;

/** A page of an export, and the cursor of the next one (empty: this was the last). */
public record ExportPage(List<ExportRow> rows, Optional<Cursor> next) {}
