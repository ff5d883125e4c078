#!/usr/bin/env python3
"""An author through the proxy, for bench/resilience.sh; their cookies are kept in JAR between calls.

author.py BASE JAR post               signs up, posts a work in progress in the fandom "Resilience", prints its id
author.py BASE JAR add-chapter WORK   adds a chapter to WORK
author.py BASE JAR chapters WORK      prints WORK's "chapters/expected" as the fandom's listing shows it to the author
"""
import http.cookiejar, re, sys, urllib.parse, urllib.request

base, jar_path, command = sys.argv[1], sys.argv[2], sys.argv[3]
jar = http.cookiejar.LWPCookieJar(jar_path)
try:
    jar.load(ignore_discard=True)
except FileNotFoundError:
    pass
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

def token(html):
    return re.search(r'name="__RequestVerificationToken" type="hidden" value="([^"]*)"', html).group(1)

def get(path):
    return opener.open(base + path, timeout=20).read().decode()

def post(path, fields):
    return opener.open(base + path, urllib.parse.urlencode(fields, doseq=True).encode(), timeout=20)

if command == "post":
    page = get("/signup")
    post("/signup", {"__RequestVerificationToken": token(page), "UserName": "resilience_author", "Email": "resilience_author@example.org",
        "Password": "correct horse battery", "ConfirmPassword": "correct horse battery"})
    page = get("/works/new")
    pseuds = re.findall(r'name="PseudIds"[^>]*value="(\d+)"', page) or re.findall(r'value="(\d+)"[^>]*name="PseudIds"', page)
    response = post("/works/new", {"__RequestVerificationToken": token(page), "Title": "A Bad Day", "Fandoms": "Resilience",
        "Rating": "General Audiences", "Warnings": "No Archive Warnings Apply", "Language": "English", "TextFormat": "Markdown",
        "Body": "The archive stayed up.", "ExpectedChapters": "?", "PseudIds": pseuds})
    print(re.search(r"/works/(\d+)", response.geturl()).group(1))
elif command == "add-chapter":
    work = sys.argv[4]
    page = get(f"/works/{work}/chapters/new")
    post(f"/works/{work}/chapters/new", {"__RequestVerificationToken": token(page), "Body": "And the next day too.", "TextFormat": "Markdown"})
elif command == "chapters":
    work = sys.argv[4]
    listing = get("/tags/Resilience/works")
    blurb = listing[listing.index(f'href="/works/{work}"'):]
    print(re.search(r"<dt>Chapters:</dt><dd>([^<]*)</dd>", blurb).group(1))
jar.save(ignore_discard=True)
