/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "change-reasons.h"

namespace ns3
{

const char*
GetChangeRejectReasonName(ChangeRejectReason reason)
{
    switch (reason)
    {
    case ChangeRejectReason::MALFORMED:
        return "malformed";
    case ChangeRejectReason::WRONG_TOKEN:
        return "wrong-token";
    case ChangeRejectReason::REPLAYED:
        return "replayed";
    case ChangeRejectReason::BAD_AUTHENTICATOR:
        return "bad-authenticator";
    case ChangeRejectReason::ADDRESS_MISMATCH:
        return "address-mismatch";
    case ChangeRejectReason::NOT_ACTIVE:
        return "not-active";
    case ChangeRejectReason::NO_VERIFIER:
        return "no-verifier";
    case ChangeRejectReason::NO_KEY:
        return "no-key";
    case ChangeRejectReason::REFUSED:
        return "refused";
    case ChangeRejectReason::UNEXPECTED:
        return "unexpected";
    case ChangeRejectReason::UPDATE_REFUSED:
        return "update-refused";
    case ChangeRejectReason::OVER_BUDGET:
        return "over-budget";
    }
    return "unknown";
}

const char*
GetChangeFailReasonName(ChangeFailReason reason)
{
    switch (reason)
    {
    case ChangeFailReason::NOT_CONFIRMED:
        return "not-confirmed";
    case ChangeFailReason::TRANSPORT_TIMEOUT:
        return "transport-timeout";
    case ChangeFailReason::TRANSPORT_REFUSED:
        return "transport-refused";
    case ChangeFailReason::RENDEZVOUS_FAILED:
        return "rendezvous-failed";
    case ChangeFailReason::NO_CONNECTION:
        return "no-connection";
    case ChangeFailReason::NO_KEY:
        return "no-key";
    case ChangeFailReason::UPDATE_REFUSED:
        return "update-refused";
    case ChangeFailReason::CONFIRM_FAILED:
        return "confirm-failed";
    }
    return "unknown";
}

std::ostream&
operator<<(std::ostream& os, ChangeRejectReason reason)
{
    return os << GetChangeRejectReasonName(reason);
}

std::ostream&
operator<<(std::ostream& os, ChangeFailReason reason)
{
    return os << GetChangeFailReasonName(reason);
}

} // namespace ns3
