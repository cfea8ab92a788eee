"""Face recognition: model profiles, weight provisioning and the headless face pipeline.

- :mod:`.profiles`: which detector and model each profile runs, and their weight files.
- :mod:`.weights`: status, download, offline install and import of the weight files.
- :mod:`.images`: loading and checking photos and frames (8-bit BGR).
- :mod:`.pipeline`: :class:`~.pipeline.FacePipeline` (detect, quality gates, embed).

deepface is imported lazily, through :mod:`._deepface`, which sets its environment first
(ONNX engine, weights under ``settings.weights_dir``); importing this package is cheap.
"""
