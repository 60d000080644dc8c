#!/usr/bin/env python3
"""Live reload, checked once in headless Chromium.

Builds a small design history, runs `design-history serve` on it, opens a post in headless
Chromium over the DevTools protocol, scrolls down, marks the page's JavaScript state, then changes
the post's title on disk. Passes when the tab shows the new title without being told to reload
(the mark is gone: the page reloaded by itself) and is scrolled where it was.

usage: check-live-reload.py PATH/TO/design-history
needs: chromium, python3 websocket-client
"""
import json, os, shutil, socket, subprocess, sys, tempfile, time, urllib.request
import websocket

def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]

binary = os.path.abspath(sys.argv[1])
root = tempfile.mkdtemp(prefix="live-reload-")
posts = os.path.join(root, "Content", "posts")
os.makedirs(posts)
body = "\n\n".join(f"Paragraph {i} of a long post, so the page can scroll." for i in range(200))
post = os.path.join(posts, "a-post.md")
def write_post(title):
    with open(post, "w") as f:
        f.write(f"---\nlayout: post\ntitle: {title}\n---\n{body}\n")
write_post("Original title")

port, debugging = free_port(), free_port()
server = subprocess.Popen([binary, "serve", "--port", str(port)], cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
for _ in range(3):
    line = server.stdout.readline().strip()
    print("serve:", line)
    if line.startswith("Serving"):
        break
chrome = subprocess.Popen(["chromium", "--headless=new", "--no-sandbox", "--disable-gpu", f"--remote-debugging-port={debugging}",
                           f"--user-data-dir={root}/profile", "--window-size=1000,700", "about:blank"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    for _ in range(100):
        try:
            targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{debugging}/json"))
            page = next(t for t in targets if t["type"] == "page")
            break
        except Exception:
            time.sleep(0.1)
    ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=10)
    counter = 0
    def call(method, **params):
        global counter
        counter += 1
        ws.send(json.dumps({"id": counter, "method": method, "params": params}))
        while True:
            message = json.loads(ws.recv())
            if message.get("id") == counter:
                return message.get("result", {})
    def evaluate(expression):
        return call("Runtime.evaluate", expression=expression, returnByValue=True)["result"].get("value")

    call("Page.enable")
    call("Page.navigate", url=f"http://127.0.0.1:{port}/posts/a-post/")
    deadline = time.time() + 10
    while evaluate("document.readyState") != "complete" and time.time() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)  # the event stream connects
    print("before:", evaluate("document.querySelector('h1').textContent.trim()"))
    evaluate("window.scrollTo(0, 1500); window.__notReloaded = true; 0")
    print("scrolled to:", evaluate("window.scrollY"))

    changed = time.time()
    write_post("Title changed on disk")
    title = None
    while time.time() - changed < 10:
        title = evaluate("document.querySelector('h1') && document.querySelector('h1').textContent.trim()")
        if title == "Title changed on disk":
            break
        time.sleep(0.02)
    seen = time.time() - changed
    time.sleep(0.3)  # the scroll position is restored on load
    mark = evaluate("window.__notReloaded === true")
    scroll = evaluate("window.scrollY")
    print(f"after: {title!r} seen {seen * 1000:.0f} ms after the write; reloaded by itself: {not mark}; scrollY: {scroll}")
    ok = title == "Title changed on disk" and not mark and abs(scroll - 1500) < 5
    print("PASS" if ok else "FAIL")
    sys.exit(0 if ok else 1)
finally:
    chrome.terminate()
    server.terminate()
    chrome.wait(); server.wait()
    shutil.rmtree(root, ignore_errors=True)
