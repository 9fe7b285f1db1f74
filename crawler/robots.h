// robots.h: part of the crawler front door (crawler/crawler.h). Placeholder.
#pragma once
