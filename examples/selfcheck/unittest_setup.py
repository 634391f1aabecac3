"""When do setUp and tearDown run? The runner's own report goes to a buffer, not stdout."""

import io
import unittest


class JobTests(unittest.TestCase):
    def setUp(self):
        print("setUp")

    def tearDown(self):
        print("tearDown")

    def test_a(self):
        print("test_a")

    def test_b(self):
        print("test_b")


if __name__ == "__main__":
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(JobTests)
    unittest.TextTestRunner(stream=io.StringIO()).run(suite)
