"""Latency of the member forms and the review pages on a large registry.

Usage:
    flask --app wsgi bench-data --bodies 100000            # once: builds instance/bench.sqlite3
    DATABASE_URL=sqlite:///$PWD/instance/bench.sqlite3 python bench/moderation.py [--runs 30]

It queues --pending synthetic submissions (and a reviewer account) in the benchmark database,
times the pages in-process through the WSGI app (server time: median and p95, and the median as a
ratio of a bare /healthz timed in the same run), then deletes what it added.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import time

PASSWORD = "bench reviewer password"  # noqa: S105 - a throwaway account, deleted afterwards


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(call, runs: int) -> list[float]:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def token(html: str, name: str) -> str:
    return re.search(rf'name="{name}"[^>]*value="([^"]*)"', html).group(1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--pending", type=int, default=1000)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        raise SystemExit("Set DATABASE_URL to the benchmark database (see the docstring).")

    from sqlalchemy import delete, func, select

    from registry import create_app
    from registry.accounts.services import create_user
    from registry.database import db
    from registry.models import Body, Submission, User
    from registry.review.duplicates import possible_duplicates
    from registry.submissions import services

    app = create_app({"SECRET_KEY": "bench-" + "x" * 30, "RATELIMIT_ENABLED": False,
                      "WTF_CSRF_ENABLED": False})
    with app.app_context():
        bodies = db.session.scalars(select(Body).order_by(Body.id).limit(args.pending)).all()
        if not bodies or not bodies[0].slug.startswith("synthetic-"):
            raise SystemExit("This is not a synthetic benchmark database.")
        first_id = (db.session.scalar(select(func.max(Submission.id))) or 0) + 1
        for n, body in enumerate(bodies):
            described = {"name": body.name, "level": body.level, "state": body.state or "OH",
                         "affiliation": body.affiliation, "designation": body.designation,
                         "city": body.city}
            target = {"new_body": described} if n % 2 else {"body_id": body.id}
            services.submit("resolution", {**target, "stance": "support", "adopted_on": "2019-05-01",
                                           "date_precision": "day", "title": f"Bench resolution {n}",
                                           "summary": "Synthetic.", "source_url": None},
                            {"email": "bench@synthetic.invalid", "role": "member"})
        create_user("bench-reviewer@synthetic.invalid", PASSWORD, "reviewer")
        db.session.commit()
        body_id, new_body_submission = bodies[0].id, first_id + 1
        described = {"name": bodies[1].name, "state": bodies[1].state, "city": bodies[1].city,
                     "affiliation": bodies[1].affiliation, "designation": bodies[1].designation}
        total = db.session.scalar(select(func.count()).select_from(Body))
    try:
        member, reviewer = app.test_client(), app.test_client()
        login = reviewer.post("/login", data={"email": "bench-reviewer@synthetic.invalid",
                                              "password": PASSWORD})
        if login.status_code != 302:
            raise SystemExit("The benchmark reviewer could not log in.")
        form = {"body_choice": str(body_id), "bill": "", "stance": "support", "adopted-year": "2020",
                "title": "Timed resolution", "summary": "Timed.", "submitter_email": "b@synthetic.invalid",
                "submitter_role": "member"}

        def post_submission() -> None:
            key = token(member.get("/submit/resolution").get_data(as_text=True), "form_key")
            start = time.perf_counter()
            response = member.post("/submit/resolution", data={**form, "form_key": key})
            post_timings.append((time.perf_counter() - start) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"POST /submit/resolution answered {response.status_code}")

        post_timings: list[float] = []
        cases = {
            "/healthz": lambda: member.get("/healthz"),
            "GET /submit/resolution": lambda: member.get("/submit/resolution"),
            "GET /submit/bodies.json?q=local+1": lambda: member.get("/submit/bodies.json?q=local+1"),
            "GET /review (queue)": lambda: reviewer.get("/review"),
            "GET /review?state=CA&kind=resolution": lambda: reviewer.get("/review?state=CA&kind=resolution"),
            "GET /review/<id> (new body: duplicates)":
                lambda: reviewer.get(f"/review/{new_body_submission}"),
            "possible_duplicates() alone": lambda: _in_context(app, possible_duplicates, described),
        }
        print(f"database: {total:,} bodies, {args.pending:,} pending submissions; {args.runs} runs each")
        base = None
        for name, call in cases.items():
            response = call()
            if getattr(response, "status_code", 200) != 200:
                raise SystemExit(f"{name} answered {response.status_code}")
            timings = timed(call, args.runs)
            median = statistics.median(timings)
            base = base or median
            print(f"{name:45s} median {median:7.2f} ms  p95 {percentile(timings, .95):7.2f} ms"
                  f"  ×{median / base:5.1f} healthz")
        timed(post_submission, args.runs)
        print(f"{'POST /submit/resolution':45s} median {statistics.median(post_timings):7.2f} ms"
              f"  p95 {percentile(post_timings, .95):7.2f} ms  ×{statistics.median(post_timings) / base:5.1f}"
              " healthz")
    finally:
        with app.app_context():
            db.session.execute(delete(Submission).where(Submission.id >= first_id))
            db.session.execute(delete(User).where(User.email == "bench-reviewer@synthetic.invalid"))
            db.session.commit()


def _in_context(app, function, *args):
    with app.app_context():
        return function(*args)


if __name__ == "__main__":
    main()
