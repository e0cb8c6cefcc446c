"""The custom image model: editors cannot save an image without alt text."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase

from wagtail.images.tests.utils import get_test_image_file

from home.models import CustomImage
from tests.support.admin import AdminTestUtils


def upload():
    return SimpleUploadedFile("castle.png", get_test_image_file().file.getvalue(), content_type="image/png")


class ImageAltTextTests(AdminTestUtils, TestCase):
    def setUp(self):
        self.login()

    def post_image(self, **fields):
        data = {"title": "Nagoya Castle", "file": upload(), **fields}
        return self.client.post("/admin/images/add/", data)

    def test_image_without_alt_text_is_refused_with_a_message(self):
        response = self.post_image(alt_text="", credit="Photo: Sample")
        self.assertEqual(response.status_code, 200)
        self.assertIn("alt_text", response.context["form"].errors)
        self.assertFalse(CustomImage.objects.exists())
        # What the editor typed elsewhere is kept.
        self.assertContains(response, 'value="Photo: Sample"')

    def test_image_with_alt_text_is_saved_with_credit_and_licence(self):
        response = self.post_image(alt_text="Nagoya Castle in spring", credit="Photo: Sample", licence="cc-by-4.0")
        self.assertEqual(response.status_code, 302)
        image = CustomImage.objects.get()
        self.assertEqual(image.default_alt_text, "Nagoya Castle in spring")
        self.assertEqual(image.get_licence_display(), "Creative Commons Attribution 4.0 (CC BY 4.0)")

    def test_multiple_upload_holds_the_file_until_alt_text_is_given(self):
        response = self.client.post(
            "/admin/images/multiple/add/", {"files[]": upload()}, headers={"x-requested-with": "XMLHttpRequest"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(CustomImage.objects.exists(), "an image must not be saved without alt text")
