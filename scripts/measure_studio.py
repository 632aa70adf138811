"""Measures the studio (issue 14, "Measure and report"; docs/PERFORMANCE.md,
section "The studio"): memory of the idle server, the time from pressing
"What would change?" to the answer in headless Chromium (the default 200
replicates; five classes), 20 class questions sent at once (all answered
under the default waiting line of 20), 30 at once (the 8 beyond two
answered and 20 waiting are told "busy", 503 with Retry-After, at once),
and how long the server takes to stop on SIGTERM.

Usage: python3 scripts/measure_studio.py target/release/resim [--no-browser]
Needs Debian's chromium and chromium-driver (not with --no-browser);
Python's standard library only.
Everything is written to a temporary folder; the server and the driver it
starts are stopped at the end."""
import json, os, socket, subprocess, sys, threading, time, urllib.request, urllib.error, statistics, tempfile

RESIM = sys.argv[1]
BROWSER = "--no-browser" not in sys.argv[2:]
work = tempfile.mkdtemp(prefix="studio-measure-")

def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p

def status(pid, key):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024  # MiB
    return None

os.makedirs(f"{work}/scenarios", exist_ok=True)
# Port 0: the server takes a free port and prints its address first.
srv = subprocess.Popen([RESIM, "serve", "--port", "0", "--results", f"{work}/results",
                        "--scenarios", f"{work}/scenarios"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True)
first = srv.stdout.readline()
base = first.split("http://")[1].split("/")[0]
base = f"http://{base}"
print(first.strip())
for _ in range(100):
    try:
        urllib.request.urlopen(base + "/class").read(); break
    except Exception:
        time.sleep(0.1)
time.sleep(3)
print(f"idle server (started, one page served): VmRSS {status(srv.pid,'VmRSS'):.1f} MiB, VmHWM {status(srv.pid,'VmHWM'):.1f} MiB")
for page in ["/class", "/scenarios", "/scenarios/quickstart", "/runs", "/results"]:
    urllib.request.urlopen(base + page).read()
time.sleep(1)
print(f"idle after every page once: VmRSS {status(srv.pid,'VmRSS'):.1f} MiB")

def browser():
  # Button to answer in headless Chromium through chromedriver's WebDriver API.
  dport = free_port()
  drv = subprocess.Popen(["/usr/bin/chromedriver", f"--port={dport}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
  time.sleep(1.5)
  def wd(method, path, body=None):
      req = urllib.request.Request(f"http://127.0.0.1:{dport}{path}", method=method,
                                   data=None if body is None else json.dumps(body).encode(),
                                   headers={"Content-Type": "application/json"})
      return json.loads(urllib.request.urlopen(req, timeout=300).read())["value"]
  sess = wd("POST", "/session", {"capabilities": {"alwaysMatch": {"browserName": "chrome",
        "goog:chromeOptions": {"binary": "/usr/bin/chromium", "args": ["--headless", "--no-sandbox", "--disable-gpu", "--window-size=1200,1600"]}}}})["sessionId"]
  S = f"/session/{sess}"
  times = []
  for size in [45, 44, 43, 42, 41]:
      wd("POST", S + "/url", {"url": base + "/class?lang=en"})
      el = wd("POST", S + "/element", {"using": "css selector", "value": "#class_size"})
      eid = list(el.values())[0]
      wd("POST", S + f"/element/{eid}/clear", {})
      wd("POST", S + f"/element/{eid}/value", {"text": str(size)})
      ask = list(wd("POST", S + "/element", {"using": "css selector", "value": "#ask"}).values())[0]
      t0 = time.monotonic()
      wd("POST", S + f"/element/{ask}/click", {})
      while True:
          try:
              wd("POST", S + "/element", {"using": "css selector", "value": "#answer"}); break
          except urllib.error.HTTPError:
              time.sleep(0.02)
      wall = time.monotonic() - t0
      nav = wd("POST", S + "/execute/sync", {"script": "const n=performance.getEntriesByType('navigation')[0]; return [n.redirectEnd - n.startTime, n.loadEventEnd - n.startTime, n.redirectCount];", "args": []})
      times.append(nav[1] / 1000)
      print(f"class of {size}: button to answer {nav[1]/1000:.2f} s (navigation timing; redirect done at {nav[0]/1000:.2f} s, redirects {nav[2]}); WebDriver wall {wall:.2f} s")
  print(f"button to answer, median of {len(times)}: {statistics.median(times):.2f} s (min {min(times):.2f}, max {max(times):.2f})")
  wd("DELETE", S)
  drv.terminate(); drv.wait()
  print(f"after the browser asks: VmRSS {status(srv.pid,'VmRSS'):.1f} MiB, VmHWM {status(srv.pid,'VmHWM'):.1f} MiB")

if BROWSER:
    browser()

# 20 concurrent class questions (each a different class), then 30.
results = {}
def one(i):
    body = f"class_size={20+i}&grade=8&left_behind=35&area=rural&now=termly_conference&try=contact_book".encode()
    req = urllib.request.Request(base + "/class", data=body, method="POST",
                                 headers={"Origin": base, "Content-Type": "application/x-www-form-urlencoded"})
    t0 = time.monotonic()
    try:
        r = urllib.request.urlopen(req, timeout=600); r.read(); code = r.status
    except urllib.error.HTTPError as e:
        code = e.code
    results[i] = (code, time.monotonic() - t0)
asked = [0]
def burst(n):
  results.clear()
  first, asked[0] = asked[0], asked[0] + n
  peak = [0.0]
  stop = [False]
  def watch():
      while not stop[0]:
          peak[0] = max(peak[0], status(srv.pid, "VmRSS")); time.sleep(0.05)
  w = threading.Thread(target=watch); w.start()
  t0 = time.monotonic()
  ts = [threading.Thread(target=one, args=(first + i,)) for i in range(n)]
  for t in ts: t.start()
  # The studio stays responsive meanwhile.
  time.sleep(1.0)
  p0 = time.monotonic(); urllib.request.urlopen(base + "/runs").read(); page_ms = (time.monotonic() - p0) * 1000
  for t in ts: t.join()
  total = time.monotonic() - t0
  stop[0] = True; w.join()
  lat = sorted(v[1] for v in results.values())
  codes = {c: sum(1 for v in results.values() if v[0] == c) for c in sorted(set(v[0] for v in results.values()))}
  busy = sorted(v[1] for v in results.values() if v[0] == 503)
  print(f"{n} concurrent class questions: statuses {codes} (count of each), all back in {total:.1f} s; latency min {lat[0]:.1f} s, median {statistics.median(lat):.1f} s, max {lat[-1]:.1f} s; /runs served in {page_ms:.0f} ms meanwhile; peak VmRSS {peak[0]:.1f} MiB")
  if busy:
      print(f"  told busy (503): {len(busy)}, each within {busy[-1]:.2f} s")
  answers = [x for x in os.listdir(f"{work}/results") if x.startswith("whatif-")]
  print(f"  answer folders written so far: {len(answers)}")
burst(20)
burst(30)
time.sleep(2)
print(f"idle again: VmRSS {status(srv.pid,'VmRSS'):.1f} MiB")
t0 = time.monotonic(); srv.terminate(); code = srv.wait()
print(f"SIGTERM: stopped in {time.monotonic() - t0:.2f} s, exit code {code}")
print("nproc", os.cpu_count(), "loadavg", open("/proc/loadavg").read().strip())
import shutil
shutil.rmtree(work, ignore_errors=True)
