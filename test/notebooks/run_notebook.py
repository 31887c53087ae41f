"""Execute a notebook the way papermill does, with nbclient only.

papermill inserts a code cell tagged `injected-parameters` directly after the cell tagged
`parameters` (replacing an existing injected cell), with one `name = value` line per
parameter, records the parameters in metadata.papermill, then runs every cell. This script
does the same so the test suite runs the real notebooks on machines without papermill.

    python3 run_notebook.py INPUT.ipynb OUTPUT.ipynb CWD '{"name": "value"}'

Exit status 0 when every cell ran, 1 with the failing cell's error on stderr otherwise.
"""

import json
import sys

import nbclient
import nbformat


def translate(value):
    """Python source for a parameter value (papermill's PythonTranslator rules)."""
    if value is None or isinstance(value, (bool, int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(translate(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{translate(k)}: {translate(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"cannot translate parameter value {value!r}")


def inject(notebook, parameters):
    if not parameters:
        return
    source = "# Parameters\n" + "".join(f"{name} = {translate(value)}\n" for name, value in parameters.items())
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["tags"] = ["injected-parameters"]
    cells = notebook.cells
    existing = [i for i, c in enumerate(cells) if "injected-parameters" in c.metadata.get("tags", [])]
    declared = [i for i, c in enumerate(cells) if "parameters" in c.metadata.get("tags", [])]
    if existing:
        cells[existing[0]] = cell
    elif declared:
        cells.insert(declared[0] + 1, cell)
    else:
        cells.insert(0, cell)
    notebook.metadata.setdefault("papermill", {})["parameters"] = parameters


def main(argv):
    source, target, cwd, raw_parameters = argv
    notebook = nbformat.read(source, as_version=4)
    inject(notebook, json.loads(raw_parameters))
    client = nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3",
                                     resources={"metadata": {"path": cwd}})
    try:
        client.execute()
    except nbclient.exceptions.CellExecutionError as error:
        nbformat.write(notebook, target)
        print(str(error), file=sys.stderr)
        return 1
    nbformat.write(notebook, target)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
