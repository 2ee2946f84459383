"""`flask voice …`: the on-duty roster, prompt coverage and the recordings sweep."""
import click
from flask.cli import AppGroup
from sqlalchemy import select

from helpline.extensions import db

voice_cli = AppGroup("voice", help="Voice line: roster, prompts, recordings.")


@voice_cli.command("roster-add")
@click.option("--name", required=True)
@click.option("--phone", required=True)
@click.option("--days", default="1234567", show_default=True, help="ISO weekdays, Monday=1")
@click.option("--start", default="00:00", show_default=True)
@click.option("--end", default="24:00", show_default=True)
def roster_add(name, phone, days, start, end):
    """Put an officer on the emergency roster."""
    from helpline.voice.roster import RosterError, add_officer
    try:
        officer = add_officer(name, phone, days, start, end)
    except RosterError as exc:
        raise click.ClickException(str(exc)) from None
    db.session.commit()
    click.echo(f"officer {officer.id} added")


@voice_cli.command("roster")
def roster_list():
    """Show the roster and who is on duty now."""
    from helpline.contacts.models import mask_phone
    from helpline.voice.models import OnDutyOfficer
    from helpline.voice.roster import format_minutes, officers_on_duty
    on_duty = {o.id for o in officers_on_duty()}
    for o in db.session.scalars(select(OnDutyOfficer).order_by(OnDutyOfficer.id)):
        state = "ON DUTY" if o.id in on_duty else ("active" if o.is_active else "inactive")
        click.echo(f"{o.id}\t{o.name}\t{mask_phone(o.phone)}\t{o.weekdays}\t"
                   f"{format_minutes(o.start_minute)}-{format_minutes(o.end_minute)}\t{state}")


@voice_cli.command("prompts")
def prompts_report():
    """Which prompts have a recording in each language, and what plays where one is missing."""
    from helpline.i18n import LANGUAGES
    from helpline.voice.prompts import PROMPTS, PROMPTS_DIR, recording_file, resolve_prompt
    generated = (PROMPTS_DIR / "MANIFEST.txt").exists()
    missing = placeholders = 0
    for key in PROMPTS:
        cells = []
        for language in LANGUAGES:
            found = recording_file(key, language)
            if found and generated and found.suffix == ".wav":
                placeholders += 1
                cells.append(f"{language}:PLACEHOLDER")
            elif found:
                cells.append(f"{language}:recorded")
            else:
                missing += 1
                resolved = resolve_prompt(key, language)
                how = "play " + resolved.spoken_language if resolved.play_url else \
                    "say " + resolved.say_language
                cells.append(f"{language}:MISSING({how})")
        click.echo(f"{key:28} " + "  ".join(cells))
    click.echo(f"{missing} recordings missing, {placeholders} generated placeholders "
               "to replace with human recordings")


@voice_cli.command("sweep-recordings")
def sweep_recordings_command():
    """Fetch recordings that are due and delete stored ones at the provider."""
    from helpline.voice.tasks import sweep_recordings
    click.echo(f"{sweep_recordings.apply().get()} recordings handled")
