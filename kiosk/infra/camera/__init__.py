"""Cameras and other frame sources, and the capture thread (no Qt)."""

from kiosk.infra.camera.capture import CaptureState, CaptureStatus, CaptureWorker, FpsMeter, LatestFrame
from kiosk.infra.camera.devices import CameraDevice, list_devices
from kiosk.infra.camera.frame import Frame, Image
from kiosk.infra.camera.sources import (
    DeviceSource,
    FrameSource,
    ImageFileSource,
    ImageFolderSource,
    StreamSource,
    VideoFileSource,
    make_source,
    open_source,
)

__all__ = [
    "CameraDevice",
    "CaptureState",
    "CaptureStatus",
    "CaptureWorker",
    "DeviceSource",
    "FpsMeter",
    "Frame",
    "FrameSource",
    "Image",
    "ImageFileSource",
    "ImageFolderSource",
    "LatestFrame",
    "StreamSource",
    "VideoFileSource",
    "list_devices",
    "make_source",
    "open_source",
]
