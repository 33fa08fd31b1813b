"""goaltrack: is a Five-Year Plan on course?"""

__version__ = "0.1.0"
