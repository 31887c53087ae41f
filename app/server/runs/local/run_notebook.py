"""Run one notebook for the web app's local run backend.

    python3 run_notebook.py --input IN.ipynb --output OUT.ipynb --cwd DIR \
        --parameters PARAMS.json --result RESULT.json [--engine auto|papermill|nbclient]

Uses papermill when it is importable, else nbclient with papermill's conventions: the supplied
parameters go into a new code cell tagged `injected-parameters`, inserted right after the cell
tagged `parameters` (replacing an earlier injected cell; at the top when there is no parameters
cell), and are recorded in metadata.papermill. Cell output is streamed to stdout/stderr as it
arrives, so the log file the server tails shows it while the notebook runs.

The executed notebook is written to --output after every cell and at the end, also when a
cell fails or the process is asked to stop (SIGTERM). --result gets one JSON object:
{"status": "succeeded" | "failed" | "stopped", "engine": ..., "error": {"ename", "evalue"} | null}.
Exit status: 0 succeeded, 1 failed (a cell, the kernel or the notebook), 2 bad arguments, 143 stopped.
"""

import argparse
import json
import logging
import os
import signal
import sys


class Stopped(BaseException):
    """SIGTERM: stop executing, save what ran, shut the kernel down."""


def on_sigterm(_signum, _frame):
    raise Stopped()


def stop_with_parent(parent_pid):
    """Linux: get SIGTERM when the server that started us dies, so no run outlives it."""
    if not sys.platform.startswith("linux") or parent_pid is None:
        return
    import ctypes

    pr_set_pdeathsig = 1
    ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)
    if os.getppid() != parent_pid:  # it died before prctl took effect
        raise Stopped()


def write_json(path, value):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(value, f)
    os.replace(tmp, path)


def log(text):
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def run_with_papermill(args, parameters):
    import papermill
    from papermill.exceptions import PapermillExecutionError

    logging.basicConfig(level=logging.INFO, stream=sys.stdout, format="%(message)s")
    try:
        papermill.execute_notebook(
            args.input,
            args.output,
            parameters=parameters,
            kernel_name=args.kernel,
            cwd=args.cwd,
            log_output=True,
            progress_bar=False,
            request_save_on_cell_execute=True,
        )
    except PapermillExecutionError as error:
        return {"ename": error.ename, "evalue": error.evalue}
    return None


def inject_parameters(notebook, parameters):
    import nbformat

    if not parameters:
        return
    # repr() of values decoded from JSON (None, bool, int, float, str, list, dict) is Python source.
    source = "# Parameters\n" + "".join(f"{name} = {value!r}\n" for name, value in parameters.items())
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["tags"] = ["injected-parameters"]
    cells = notebook.cells
    tags = [c.get("metadata", {}).get("tags", []) for c in cells]
    injected = [i for i, t in enumerate(tags) if "injected-parameters" in t]
    declared = [i for i, t in enumerate(tags) if "parameters" in t]
    if injected:
        cells[injected[0]] = cell
    elif declared:
        cells.insert(declared[0] + 1, cell)
    else:
        cells.insert(0, cell)
    notebook.metadata.setdefault("papermill", {})["parameters"] = parameters


def run_with_nbclient(args, parameters):
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    notebook = nbformat.read(args.input, as_version=4)
    inject_parameters(notebook, parameters)
    notebook.metadata.setdefault("papermill", {}).update(input_path=args.input, output_path=args.output)
    code_cells = sum(1 for c in notebook.cells if c.cell_type == "code")

    class StreamingClient(NotebookClient):
        def output(self, outs, msg, display_id, cell_index):
            content = msg.get("content", {})
            if msg.get("msg_type") == "stream":
                stream = sys.stderr if content.get("name") == "stderr" else sys.stdout
                stream.write(content.get("text", ""))
                stream.flush()
            elif msg.get("msg_type") == "error":
                sys.stderr.write(f"{content.get('ename')}: {content.get('evalue')}\n")
                sys.stderr.flush()
            return super().output(outs, msg, display_id, cell_index)

    started = [0]

    def on_cell_start(cell, cell_index):
        if cell.cell_type == "code":
            started[0] += 1
            log(f"Executing cell {started[0]} of {code_cells}")

    def on_cell_executed(cell, cell_index, execute_reply):
        nbformat.write(notebook, args.output)

    client = StreamingClient(
        notebook,
        kernel_name=args.kernel,
        resources={"metadata": {"path": args.cwd}},
        on_cell_start=on_cell_start,
        on_cell_executed=on_cell_executed,
    )
    try:
        client.execute()
    except CellExecutionError as error:
        return {"ename": error.ename, "evalue": error.evalue}
    finally:
        nbformat.write(notebook, args.output)
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--input", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--cwd", required=True)
    parser.add_argument("--parameters", required=True)
    parser.add_argument("--result", required=True)
    parser.add_argument("--kernel", default="python3")
    parser.add_argument("--engine", choices=["auto", "papermill", "nbclient"], default="auto")
    parser.add_argument("--parent-pid", type=int)
    args = parser.parse_args()

    signal.signal(signal.SIGTERM, on_sigterm)
    engine = args.engine
    if engine == "auto":
        try:
            import papermill  # noqa: F401

            engine = "papermill"
        except ImportError:
            engine = "nbclient"
    result = {"status": "failed", "engine": engine, "error": None}
    try:
        stop_with_parent(args.parent_pid)
        with open(args.parameters, encoding="utf-8") as f:
            parameters = json.load(f)
        log(f"Running {os.path.basename(args.input)} with {engine}")
        error = (run_with_papermill if engine == "papermill" else run_with_nbclient)(args, parameters)
        result.update(status="failed" if error else "succeeded", error=error)
    except Stopped:
        result.update(status="stopped")
        log("Stopped: the kernel was shut down and the notebook saved as far as it ran")
        write_json(args.result, result)
        return 143
    except ImportError as error:  # this interpreter lacks the engine (the notebook's own imports run in its kernel)
        result.update(
            error={
                "ename": type(error).__name__,
                "evalue": f"{error} in {sys.executable}: install papermill, or nbclient and ipykernel "
                "(Debian: python3-nbclient python3-ipykernel), or set RUNS_PYTHON to a python3 that has them",
            }
        )
        sys.stderr.write(f"{type(error).__name__}: {result['error']['evalue']}\n")
    except Exception as error:  # an unreadable notebook, a kernel that died, ...
        result.update(error={"ename": type(error).__name__, "evalue": str(error).strip().splitlines()[-1] if str(error).strip() else ""})
        sys.stderr.write(f"{type(error).__name__}: {error}\n")
    write_json(args.result, result)
    return 0 if result["status"] == "succeeded" else 1


if __name__ == "__main__":
    sys.exit(main())
