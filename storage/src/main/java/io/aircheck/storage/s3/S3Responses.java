package io.aircheck.storage.s3;

import io.aircheck.storage.ObjectInfo;
import io.minio.StatObjectResponse;
import io.minio.messages.Item;
import java.time.ZonedDateTime;

/** The SDK's answers as the archive's records. */
final class S3Responses {
    private S3Responses() {}

    static ObjectInfo info(String key, StatObjectResponse stat) {
        return new ObjectInfo(
                key,
                stat.size(),
                stat.contentType(),
                etag(stat.etag()),
                instant(stat.lastModified()));
    }

    /** A listed object; listings carry no content type. */
    static ObjectInfo info(Item item) {
        return new ObjectInfo(
                item.objectName(),
                item.size(),
                null,
                etag(item.etag()),
                instant(item.lastModified()));
    }

    /** The etag without the quotes S3 puts around it. */
    static String etag(String etag) {
        if (etag != null && etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")) {
            return etag.substring(1, etag.length() - 1);
        }
        return etag;
    }

    private static java.time.Instant instant(ZonedDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
