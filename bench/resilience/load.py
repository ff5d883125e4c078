#!/usr/bin/env python3
"""Readers and commenters through the proxy, for bench/resilience.sh.

load.py BASE WORK_ID SECONDS ACK_FILE STATS_FILE
Signs up two readers; each posts comments with bodies no one else uses (resilience-<reader>-<n>) as fast as it is
answered, writing each body the archive acknowledged (a redirect back to the work) to ACK_FILE; a third loop reads
work pages. STATS_FILE gets one line per second: time, reads ok, reads failed, posts acknowledged, posts failed.
"""
import http.cookiejar, re, sys, threading, time, urllib.error, urllib.parse, urllib.request

base, work, seconds, ack_path, stats_path = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4], sys.argv[5]
stop = time.time() + seconds
counts = {"read_ok": 0, "read_failed": 0, "post_ok": 0, "post_failed": 0}
lock = threading.Lock()

class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None

def count(name):
    with lock:
        counts[name] += 1

def token(html):
    return re.search(r'name="__RequestVerificationToken" type="hidden" value="([^"]*)"', html).group(1)

def reader(name):
    jar = http.cookiejar.CookieJar()
    following = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    posting = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    page = following.open(base + "/signup", timeout=10).read().decode()
    following.open(base + "/signup", urllib.parse.urlencode({"__RequestVerificationToken": token(page), "UserName": name,
        "Email": name + "@example.org", "Password": "correct horse battery", "ConfirmPassword": "correct horse battery"}).encode(), timeout=10)
    n = 0
    with open(ack_path, "a") as acks:
        while time.time() < stop:
            n += 1
            body = f"resilience-{name}-{n}"
            try:
                page = following.open(f"{base}/works/{work}", timeout=10).read().decode()
                form = urllib.parse.urlencode({"__RequestVerificationToken": token(page), "Body": body, "TextFormat": "Html"}).encode()
                posting.open(f"{base}/works/{work}/chapters/1/comments", form, timeout=10)
                count("post_failed")  # a 200 here is the form sent back: not posted
            except urllib.error.HTTPError as e:
                if e.code == 302 and f"/works/{work}" in (e.headers.get("Location") or ""):
                    acks.write(body + "\n")
                    acks.flush()
                    count("post_ok")
                else:
                    count("post_failed")
            except Exception:
                count("post_failed")
                time.sleep(0.05)

def guest():
    while time.time() < stop:
        try:
            urllib.request.urlopen(f"{base}/works/{work}", timeout=10).read()
            count("read_ok")
        except Exception:
            count("read_failed")
            time.sleep(0.05)

def stats():
    with open(stats_path, "w") as out:
        while time.time() < stop + 1:
            time.sleep(1)
            with lock:
                out.write(f"{time.time():.0f} {counts['read_ok']} {counts['read_failed']} {counts['post_ok']} {counts['post_failed']}\n")
            out.flush()

stamp = int(time.time())
threads = [threading.Thread(target=reader, args=(f"resilience_{stamp}_{i}",)) for i in range(2)]
threads += [threading.Thread(target=guest), threading.Thread(target=stats)]
for t in threads: t.start()
for t in threads: t.join()
