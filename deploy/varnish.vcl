# Varnish in front of gunicorn (README, "Front-end cache"): keeps anonymous public pages for
# PAGE_CACHE_SHARED_MAX_AGE seconds (the s-maxage Django sends) and drops them when the site sends
# PURGE requests on publish (discovery/purge.py through wagtail.contrib.frontend_cache; set
# FRONTEND_CACHE_URL=http://127.0.0.1:6081 for this instance).
#
#   varnishd -a 127.0.0.1:6081 -f /srv/wenming/deploy/varnish.vcl -s malloc,256m
#
# nginx (TLS) proxies to Varnish on 6081 instead of gunicorn; Varnish proxies to gunicorn on 8000.
vcl 4.1;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
}

# Only the site itself, on this machine, may purge.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        if (req.url == "/*") {
            # A snippet, a setting, an image or a move: anything may show it.
            ban("req.http.host == " + req.http.host);
        } else {
            # The page and every filtered or paged variant of it (?level=…, ?page=2).
            ban("req.http.host == " + req.http.host + " && req.url ~ ^" + regsub(req.url, "\?.*$", "") + "(\?.*)?$");
        }
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Logged-in editors (and previews) always reach Django.
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Private, per-visitor or form pages, and searches and API answers (not purged page by page).
    if (req.url ~ "^/(admin|django-admin|documents|media|captcha|nominations|nominate|search|api)(/|$)" || req.http.Range) {
        return (pass);
    }
    # A public page depends on one cookie only, elder mode: keep it, drop the rest, and cache the
    # two modes apart (vcl_hash).
    if (req.http.Cookie ~ "(^|;\s*)elder=1(;|$)") {
        set req.http.Cookie = "elder=1";
        set req.http.X-Elder = "1";
    } else {
        unset req.http.Cookie;
        set req.http.X-Elder = "0";
    }
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    hash_data(req.http.host);
    hash_data(req.http.X-Elder);
    return (lookup);
}

sub vcl_backend_response {
    # Pages that belong to one visitor (Cache-Control: private) or set a cookie are never kept.
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "private|no-cache|no-store") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # The request's cookies were reduced to the elder flag, hashed above: Vary: Cookie would only
    # split the cache again. Browsers still get Vary: Cookie (vcl_deliver).
    if (beresp.http.Vary) {
        set beresp.http.X-Vary = beresp.http.Vary;
        unset beresp.http.Vary;
    }
    return (deliver);
}

sub vcl_deliver {
    if (resp.http.X-Vary) {
        set resp.http.Vary = resp.http.X-Vary;
        unset resp.http.X-Vary;
    }
    if (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
}
