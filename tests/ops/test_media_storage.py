"""Media on S3-compatible storage: an image uploaded and read back through moto's local S3 server,
addressed path-style as MinIO and most S3-compatible servers are."""

import boto3
import pytest
from moto.server import ThreadedMotoServer

from tests.factories import ImageFactory

from .servers import free_port

BUCKET = "cms-media"


@pytest.fixture
def s3_endpoint(monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    boto3.client("s3", endpoint_url=endpoint).create_bucket(Bucket=BUCKET)
    yield endpoint
    server.stop()


@pytest.fixture
def s3_media(settings, s3_endpoint):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "addressing_style": "path",
                "querystring_auth": False,
                "file_overwrite": False,
            },
        },
    }
    return s3_endpoint


def test_an_uploaded_image_is_stored_in_the_bucket_and_read_back(db, s3_media):
    image = ImageFactory(file__width=320, file__height=200)
    image.file.open("rb")
    stored = image.file.read()
    image.file.close()

    in_bucket = read_object(s3_media, image.file.name)
    assert stored == in_bucket
    assert stored[:2] == b"\xff\xd8"  # the factory's JPEG
    assert image.file.url == f"{s3_media}/{BUCKET}/{image.file.name}"  # path-style addressing


def test_renditions_are_written_to_the_bucket(db, s3_media):
    image = ImageFactory(file__width=1300, file__height=700)
    rendition = image.get_rendition("width-480")
    assert rendition.url == f"{s3_media}/{BUCKET}/{rendition.file.name}"
    assert read_object(s3_media, rendition.file.name)[:2] == b"\xff\xd8"


def read_object(endpoint, key):
    s3 = boto3.client("s3", endpoint_url=endpoint)
    return s3.get_object(Bucket=BUCKET, Key=key)["Body"].read()
