package io.aircheck.api.http;

import io.aircheck.api.ApiException;
import io.aircheck.api.search.Cursor;
import io.aircheck.api.search.ExportPage;
import io.aircheck.api.search.SearchQuery;
import io.aircheck.api.search.SearchService;
import io.aircheck.api.search.SearchText;
import io.aircheck.api.search.Sort;
import io.javalin.http.Context;
import java.util.Set;

/**
 * {@code GET /api/search}: a page of hits. {@code GET /api/export}: every hit, oldest first, as CSV
 * or JSON lines, a page per request; the next page's cursor is in {@code X-Next-Cursor} and a
 * {@code Link: <...>; rel="next"} header.
 */
public final class SearchController {
    private static final Set<String> FILTERS =
            Set.of("q", "speaker", "room", "session", "since", "until", "live", "access_token");
    private static final Set<String> SEARCH_PARAMS = union(FILTERS, "sort", "page", "size");
    private static final Set<String> EXPORT_PARAMS = union(FILTERS, "format", "cursor", "size");

    private final SearchService search;

    public SearchController(SearchService search) {
        this.search = search;
    }

    public void search(Context ctx) {
        Params params = new Params(ctx, SEARCH_PARAMS);
        SearchQuery query =
                query(
                        params,
                        params.raw("sort"),
                        params.intOr("page", 1),
                        params.intOr("size", SearchQuery.DEFAULT_SIZE));
        ctx.json(search.search(Authentication.caller(ctx), query));
    }

    public void export(Context ctx) throws java.io.IOException {
        Params params = new Params(ctx, EXPORT_PARAMS);
        ExportFormat format = ExportFormat.choose(params.raw("format"), ctx.header("Accept"));
        SearchQuery query = query(params, "oldest", 1, 1);
        Cursor after;
        try {
            after = params.raw("cursor") == null ? null : Cursor.decode(params.raw("cursor"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        int size = params.intOr("size", SearchService.DEFAULT_EXPORT_SIZE);
        ExportPage page = search.export(Authentication.caller(ctx), query, after, size);
        page.next()
                .ifPresent(
                        next -> {
                            ctx.header("X-Next-Cursor", next.encode());
                            ctx.header(
                                    "Link",
                                    "<"
                                            + NextLink.of(ctx, "cursor", next.encode())
                                            + ">; rel=\"next\"");
                        });
        ctx.header("X-Row-Count", Integer.toString(page.rows().size()));
        format.write(ctx, page.rows());
    }

    private static SearchQuery query(Params params, String sort, int page, int size) {
        try {
            return new SearchQuery(
                    SearchText.parse(params.raw("q")),
                    params.optionalText("speaker", 128),
                    params.optionalId("room"),
                    params.optionalId("session"),
                    params.optionalInstant("since"),
                    params.optionalInstant("until"),
                    params.optionalBoolean("live"),
                    sort == null ? null : Sort.parse(sort),
                    page,
                    size);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static Set<String> union(Set<String> base, String... more) {
        java.util.HashSet<String> all = new java.util.HashSet<>(base);
        all.addAll(Set.of(more));
        return Set.copyOf(all);
    }
}
