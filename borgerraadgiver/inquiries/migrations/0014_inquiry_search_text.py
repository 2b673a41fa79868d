"""Each inquiry's search text, kept by PostgreSQL itself (issue 18).

A search for one word (a surname, a case number, a word of a summary) looked in two tables and
united the ids: the inquiries whose case number or summary holds it, and the inquiries of the
people whose name or e-mail holds it. For a common surname that is 1,600 people, their 2,400
inquiries fetched by the person index and then again by id to sort them: 12–19 ms of the
server's time at 100,000 inquiries. Here each inquiry carries one text of its case number,
summary and person's name and e-mail in capitals, with one trigram index, so the same search is
one index scan and a sort (7–8 ms; 12 ms when the text was kept as written and each row found
put in capitals again to check it). The phone number stays out: the search looks in it only for
a term with digits, through its own index (`search.inquiries_matching`). The trigram indexes of
the case number and the summary (migration 0003) are dropped: the search text's index finds
the rows for any search of those columns (`search.inquiries_matching`, `search_each_table`),
and a registration, which wrote all three, writes one.

The column is PostgreSQL's alone, unknown to Django's model (`inquiries.search_text`): Django
never writes it, so no save can leave it stale. A trigger sets it before every insert and every
update that names the inquiry's case number, summary or person, and a trigger on the people
rewrites their inquiries' text when a name or e-mail changes (a correction, an anonymisation) or
a person is added after inquiries already point at them (a restore, a fixture).

Locks, so that no text is left stale by two transactions at once (READ COMMITTED):
* An inquiry inserted, or moved to another person, reads its person `FOR SHARE`: a rename of
  that person in progress is waited for and its new name read; a rename that comes later waits
  for the inquiry's commit and then sees it. (Without the lock, a rename could not see the new
  inquiry and the inquiry would keep the old name.) Other updates read the person without a
  lock: a rename that reaches the row later rewrites it after their commit.
* A rename locks the person, then its inquiries. A service that locks an inquiry and then
  changes its person would deadlock against it; `editing.inquiry_update` therefore locks the
  person first when it replaces the person's CPR number.
* The migration locks both tables before it reads them, so no person is changed between the
  backfill and the triggers.

The functions keep the `search_path` the migration ran with, so that a restore, which runs with
an empty one, finds the tables (the same for the register's count, migration 0013). The fields
are joined by a space, which a one-word term cannot span. SQLite keeps its own full-text indexes
(`inquiries.text_index`) and searches both tables as before.
"""

from django.db import migrations

DROP = """
DROP TRIGGER IF EXISTS inquiries_inquiry_search_text ON inquiries_inquiry;
DROP TRIGGER IF EXISTS inquiries_person_search_text ON inquiries_person;
DROP FUNCTION IF EXISTS inquiries_inquiry_search_text();
DROP FUNCTION IF EXISTS inquiries_person_search_text();
DROP INDEX IF EXISTS inquiry_search_text_trgm;
ALTER TABLE inquiries_inquiry DROP COLUMN IF EXISTS search_text;
"""
# Migration 0003's trigram indexes of the inquiry's own columns: the search text's index serves
# every search of them now, so they go (each registration wrote all three).
OWN_COLUMNS = {
    "inquiry_case_number_trgm": 'UPPER("case_number"::text)',
    "inquiry_summary_trgm": 'UPPER("summary"::text)',
}

# The text's one definition; the backfill below and the trigger both use it.
TEXT = """UPPER(concat_ws(' ', {inquiry}.case_number, {inquiry}.summary, (
    SELECT concat_ws(' ', person.name, person.email)
    FROM inquiries_person person WHERE person.id = {inquiry}.person_id{lock}
)))"""
COUNT_FUNCTIONS = (
    "inquiries_registercount_added()",
    "inquiries_registercount_removed()",
    "inquiries_registercount_emptied()",
)

CREATE = f"""
LOCK TABLE inquiries_inquiry, inquiries_person IN SHARE ROW EXCLUSIVE MODE;
{DROP}
ALTER TABLE inquiries_inquiry ADD COLUMN search_text text NOT NULL DEFAULT '';
UPDATE inquiries_inquiry SET search_text = {TEXT.format(inquiry="inquiries_inquiry", lock="")};
CREATE INDEX inquiry_search_text_trgm ON inquiries_inquiry
    USING gin (search_text gin_trgm_ops);
""" + "".join(f"DROP INDEX IF EXISTS {name};\n" for name in OWN_COLUMNS) + f"""

CREATE FUNCTION inquiries_inquiry_search_text() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP = 'INSERT' OR NEW.person_id IS DISTINCT FROM OLD.person_id THEN
        NEW.search_text := {TEXT.format(inquiry="NEW", lock=" FOR SHARE")};
    ELSE
        NEW.search_text := {TEXT.format(inquiry="NEW", lock="")};
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER inquiries_inquiry_search_text
    BEFORE INSERT OR UPDATE OF case_number, summary, person_id ON inquiries_inquiry
    FOR EACH ROW EXECUTE FUNCTION inquiries_inquiry_search_text();

-- Naming the person's key again fires the inquiry's own trigger, which reads the new text.
CREATE FUNCTION inquiries_person_search_text() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP = 'INSERT'
        OR NEW.name IS DISTINCT FROM OLD.name
        OR NEW.email IS DISTINCT FROM OLD.email
    THEN
        UPDATE inquiries_inquiry SET person_id = person_id WHERE person_id = NEW.id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER inquiries_person_search_text
    AFTER INSERT OR UPDATE OF name, email ON inquiries_person
    FOR EACH ROW EXECUTE FUNCTION inquiries_person_search_text();
""" + "".join(f"ALTER FUNCTION {name} SET search_path FROM CURRENT;\n" for name in COUNT_FUNCTIONS)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            DROP
            + "".join(f"ALTER FUNCTION {name} RESET search_path;\n" for name in COUNT_FUNCTIONS)
            + "".join(
                f"CREATE INDEX IF NOT EXISTS {name} ON inquiries_inquiry "
                f"USING gin (({expression}) gin_trgm_ops);\n"
                for name, expression in OWN_COLUMNS.items()
            )
        )


class Migration(migrations.Migration):
    dependencies = [("inquiries", "0013_register_count")]

    operations = [migrations.RunPython(create, drop)]
