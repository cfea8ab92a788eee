"""Entry point of the frozen kiosk (the ``kiosk`` executable that PyInstaller builds).

Before anything heavy loads it checks the processor (a missing AVX would otherwise kill the
process with "Illegal instruction" while a library loads) and that the bundled model pack is
whole, each failing with one line and a non-zero exit. It also stands in for ``python -m``:
the kiosk starts helper processes as ``[sys.executable, "-m", "kiosk...."]``, and in a bundle
``sys.executable`` is this program, so ``kiosk -m kiosk.some.module ARGS`` runs that module.
"""

from __future__ import annotations

import os
import runpy
import sys


def _fail(message: str) -> int:
    sys.stderr.write(f"kiosk: {message}\n")
    return 3


def main() -> int:
    # deepface must never look for TensorFlow: the bundle has only onnxruntime.
    os.environ.setdefault("DEEPFACE_BACKEND_ENGINE", "onnx")
    if len(sys.argv) >= 3 and sys.argv[1] == "-m":
        module = sys.argv[2]
        if not module.startswith("kiosk."):
            return _fail(f"only the kiosk's own modules can be run with -m, not {module}.")
        sys.argv = [module, *sys.argv[3:]]
        runpy.run_module(module, run_name="__main__", alter_sys=True)
        return 0

    from kiosk.infra.bundle import startup_problem
    from kiosk.infra.cpu import unsupported_cpu

    for problem in (unsupported_cpu(), startup_problem()):
        if problem is not None:
            return _fail(f"{problem.message} {problem.hint}".strip())

    from kiosk.cli.main import main as kiosk_main

    return kiosk_main()


if __name__ == "__main__":
    sys.exit(main())
