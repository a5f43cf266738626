// The seller's papers read against each other, the car and the law (issue 13). The checks add their
// warnings and the checklist (result `papers`) to the answer; what the papers establish goes back to
// the rules (evaluate.cpp), which decide what it means for the verdict.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "evexport/request.hpp"
#include "evexport/result.hpp"

namespace evexport::detail {

struct PaperFacts {
    // The after-sales confirmation: nothing when none is shown; false when a check failed.
    std::optional<bool> confirmation;
    std::vector<std::string> confirmation_problems;  // the failed checks' codes
    std::vector<std::string> confirmation_unread;    // members its checks need that were not given
    std::optional<Date> registration_date;           // the registration certificate's
    std::optional<bool> registered_owner;            // the certificate's owner is the exporter, by name
    std::optional<Authorization> authorization;      // a letter that passed its checks
};

// Reads request.papers into `out` (warnings, and the checklist when any paper is given).
// Whether the request gives any of the seller's papers.
bool papers_given(const Papers& papers);
// `registration_date`: the vehicle's as evaluated (the request's, or one day of a period it gives).
PaperFacts read_papers(const Request& request, Result& out, std::optional<Date> registration_date);

}  // namespace evexport::detail
