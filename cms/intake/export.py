"""Spreadsheet export of submissions: one column per question, safe to open in a spreadsheet.

Columns come from each submission's ``form_snapshot`` (the form version it answered), so old
submissions export under the questions they were asked. When the exported rows answered
different versions (or forms), the columns are the union of their questions in form order;
a row leaves blank what it was never asked.
"""

#: Cells a spreadsheet may read as a formula (OWASP "CSV injection"): prefixed with ``'``.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
ANSWER_KEY_PREFIX = "answer:"
MULTIPLE_CHOICE_SEPARATOR = "; "


def neutralise_formula(value):
    """``value`` with a leading apostrophe if a spreadsheet would treat it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def snapshot_fields(snapshot):
    return [field for step in snapshot.get("steps", []) for field in step["fields"]]


def answer_columns(snapshots):
    """``{column key: heading}`` in form order, for snapshots ordered newest first.

    A question missing from newer versions is inserted after the question that preceded it
    in the version that asked it; a label edited later is headed by its newest wording.
    """
    order, headings = [], {}
    for snapshot in snapshots:
        position, leading = None, []
        for field in snapshot_fields(snapshot):
            key = ANSWER_KEY_PREFIX + field["name"]
            if key in headings:
                position = order.index(key)
                if leading:  # questions before the first known one go just before it
                    order[position:position] = leading
                    position += len(leading)
                    leading = []
                continue
            headings[key] = field["label"]
            if position is None:
                leading.append(key)
            else:
                position += 1
                order.insert(position, key)
        order.extend(leading)  # nothing in common (another form): after the others
    return {key: headings[key] for key in order}


def display_answer(field, value):
    """An answer as a person reads it: Yes/No, choice labels, several choices joined by "; "."""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    labels = {choice["value"]: choice["label"] for choice in field.get("choices") or []}
    if isinstance(value, list):
        return MULTIPLE_CHOICE_SEPARATOR.join(str(labels.get(v, v)) for v in value)
    if isinstance(value, str):
        return labels.get(value, value)
    return value


def answer_cells(submission):
    """``{column key: display value}`` for the questions this submission answered."""
    answers = submission.answers
    return {
        ANSWER_KEY_PREFIX + field["name"]: display_answer(field, answers[field["name"]])
        for field in snapshot_fields(submission.form_snapshot)
        if field["name"] in answers
    }
