// dedup: placeholder front door (being written).
#pragma once
#include "parser/parser.h"
