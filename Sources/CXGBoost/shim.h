#ifndef LEADSCORE_CXGBOOST_SHIM_H
#define LEADSCORE_CXGBOOST_SHIM_H
#include <xgboost/c_api.h>
#endif
