"""Answers crontab questions with the real Celery, for CrontabCeleryOracleTest.

Reads one JSON object from stdin: {"cases": [{"minute", "hour", "day_of_week", "day_of_month",
"month_of_year": field strings, "after": ISO-8601 UTC instant, "count": firings wanted}]}.
Writes one line per case, a JSON array of strings:
  ["refused", "<exception class>"]                 Celery's crontab() raised;
  ["accepted", minutes, hours, days_of_week, days_of_month, months_of_year, firing...]
where each set is its sorted values joined by "," and each firing is the next one after the previous
("after" for the first), as "YYYY-MM-DDTHH:MM:SS[.ffffff]Z", or "never" once Celery cannot find one.
Strings never contain quotes or backslashes, so the Java side can read the lines without a JSON library.
"""
import json
import sys
from datetime import datetime, timezone

from celery import Celery
from celery.schedules import crontab

FIELDS = ('minute', 'hour', 'day_of_week', 'day_of_month', 'month_of_year')

app = Celery('crontab-oracle', set_as_current=True)
app.conf.enable_utc = True
app.conf.timezone = 'UTC'


def next_firing(schedule, after):
    """Where beat puts the next run once a run happened at `after`: last run + remaining_delta, with now = last run."""
    schedule.nowfun = lambda: after
    try:
        last_run_at, delta, _ = schedule.remaining_delta(after)
    except RuntimeError:
        # "unable to rollover, time specification is probably invalid": the schedule never fires.
        return None
    return (last_run_at + delta).astimezone(timezone.utc)


def iso(moment):
    return moment.replace(tzinfo=None).isoformat() + 'Z'


def answer(case):
    try:
        schedule = crontab(app=app, **{field: case[field] for field in FIELDS})
    except Exception as refusal:  # Celery raises ValueError, ParseException, ...: any refusal counts.
        return ['refused', type(refusal).__name__]
    result = ['accepted'] + [','.join(str(v) for v in sorted(getattr(schedule, field))) for field in FIELDS]
    moment = datetime.fromisoformat(case['after'].replace('Z', '+00:00')).astimezone(timezone.utc)
    for _ in range(case['count']):
        moment = next_firing(schedule, moment)
        if moment is None:
            result.append('never')
            break
        result.append(iso(moment))
    return result


def main():
    for case in json.load(sys.stdin)['cases']:
        tokens = answer(case)
        assert all('"' not in token and '\\' not in token for token in tokens), tokens
        print(json.dumps(tokens))


if __name__ == '__main__':
    main()
