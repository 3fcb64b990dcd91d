import time
from collections import Counter, deque
import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone
from sightline.synth.demo import DEMO_PASSWORD, demo_workers, ensure_demo_data
from sightline.testing.crawl import kind_of, links_in
from urllib.parse import urlsplit

@pytest.fixture(scope="module")
def county(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        t = time.perf_counter()
        ensure_demo_data(timezone.localdate())
        print("county", time.perf_counter() - t)
        yield [w.user.username for w in demo_workers()]
        transaction.set_rollback(True)

def test_explore(county, django_db_blocker):
    with django_db_blocker.unblock():
        union = {}
        slow = []
        total = 0
        t0 = time.perf_counter()
        for username in county:
            c = Client(raise_request_exception=False)
            r = c.post("/sign-in/", {"username": username, "password": DEMO_PASSWORD})
            assert r.status_code == 302, username
            queue, queued, kinds, n = deque(["/"]), {"/"}, Counter(), 0
            t1 = time.perf_counter()
            while queue and n < 300:
                url = queue.popleft()
                t = time.perf_counter()
                with transaction.atomic():
                    resp = c.get(url)
                dt = time.perf_counter() - t
                slow.append((dt, username, url))
                n += 1
                union.setdefault(url, {})[username] = resp.status_code
                if resp.status_code != 200 or "html" not in resp.get("Content-Type", ""):
                    continue
                for link in links_in(resp.content.decode(), url):
                    if link in queued: continue
                    p = urlsplit(link); k = kind_of(p.path, p.query)
                    if kinds[k] >= 2: continue
                    kinds[k] += 1; queued.add(link); queue.append(link)
            total += n
            print(username, n, "pages", len(kinds), "kinds", round(time.perf_counter() - t1, 1), "s",
                  Counter(s for s in (union[u][username] for u in queued if username in union.get(u, {}))))
        print("total", total, "union", len(union), round(time.perf_counter() - t0, 1))
        kinds = Counter(kind_of(urlsplit(u).path, urlsplit(u).query) for u in union)
        print(len(kinds), "kinds in union")
        for k, v in sorted(kinds.items()): print(v, k)
        slow.sort(reverse=True)
        for s in slow[:25]: print(round(s[0], 3), s[1], s[2])
        bad = [(u, who, s) for u, d in union.items() for who, s in d.items() if s not in (200, 302, 404)]
        for b in bad: print("BAD", b)
