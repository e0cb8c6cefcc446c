"""
The S3 media storage: private by default, renditions readable by anyone.

Public pages only ever show renditions (Wagtail writes them under images/), so
those are the only objects anyone may read straight from the bucket or the
CDN. Original uploads (original_images/) and documents (documents/) stay
private: documents reach visitors through Wagtail's serve view, which checks
their collection's privacy and streams the file.

On buckets with ACLs disabled (the AWS default since 2023, "bucket owner
enforced"), set AWS_RENDITIONS_ACL to empty and grant public read on images/*
with a bucket policy instead (docs/deployment.md).
"""

from storages.backends.s3 import S3Storage

from django.conf import settings

PUBLIC_PREFIXES = ("images/",)


class MediaStorage(S3Storage):
    def get_object_parameters(self, name):
        parameters = super().get_object_parameters(name)
        acl = getattr(settings, "AWS_RENDITIONS_ACL", "")
        relative = name.removeprefix(self.location).lstrip("/") if self.location else name
        if acl and relative.startswith(PUBLIC_PREFIXES):
            parameters.setdefault("ACL", acl)
        return parameters
