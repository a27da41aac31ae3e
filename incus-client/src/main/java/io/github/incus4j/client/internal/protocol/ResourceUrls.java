package io.github.incus4j.client.internal.protocol;

import io.github.incus4j.client.exception.IncusProtocolException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the URL lists of {@code recursion=0} answers into names.
 *
 * <p>The daemon writes {@code /1.0/instances/c1}, or {@code /1.0/instances/c1?project=p} in
 * another project, with the name percent-encoded; so the strings are parsed as URLs, not split.
 */
public final class ResourceUrls {

    private ResourceUrls() {
    }

    /**
     * Extracts the names under a collection path.
     *
     * @param urls the URLs the daemon listed
     * @param collection the collection path, such as {@code /1.0/instances}
     * @return the decoded names, in the daemon's order
     */
    public static List<String> names(List<String> urls, String collection) {
        List<String> names = new ArrayList<>(urls.size());
        String prefix = collection + "/";
        for (String url : urls) {
            String path = rawPath(url);
            if (!path.startsWith(prefix)) {
                throw new IncusProtocolException(200, "the daemon listed '" + url + "' under " + collection, null);
            }
            names.add(URLDecoder.decode(path.substring(prefix.length()).replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        return names;
    }

    /**
     * Extracts the last path segment of one URL, such as an operation's id.
     *
     * @param url the URL, such as {@code /1.0/operations/5f0...}
     * @return the decoded last segment
     */
    public static String lastSegment(String url) {
        String path = rawPath(url);
        String segment = path.substring(path.lastIndexOf('/') + 1);
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String rawPath(String url) {
        try {
            String path = new URI(url).getRawPath();
            return path == null ? "" : path;
        } catch (URISyntaxException e) {
            throw new IncusProtocolException(200, "the daemon listed a malformed URL '" + url + "'", e);
        }
    }
}
