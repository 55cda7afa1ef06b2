/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef CHANGE_REASONS_H
#define CHANGE_REASONS_H

#include <cstddef>
#include <cstdint>
#include <ostream>

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief Why a message of an address-change exchange was rejected: the one
 *        vocabulary of every scheme (MobiSocket in-band and over SIP, TCP-R,
 *        the redirect daemon). A rejected message changes nothing.
 */
enum class ChangeRejectReason : uint8_t
{
    MALFORMED = 0,         //!< cannot be parsed, or not a message of this exchange
    WRONG_TOKEN = 1,       //!< names another connection (or session) than this end's
    REPLAYED = 2,          //!< sequence number not newer than the last accepted one
    BAD_AUTHENTICATOR = 3, //!< the signature or MAC does not verify
    ADDRESS_MISMATCH = 4,  //!< its addresses disagree with the connection or its origin
    NOT_ACTIVE = 5,        //!< the scheme is not active on this connection (not negotiated,
                           //!< not prepared, no session socket)
    NO_VERIFIER = 6,       //!< no peer key and no application verifier to check it
    NO_KEY = 7,            //!< this end lacks the key to authenticate its answer
    REFUSED = 8,           //!< the application's verifier refused it
    UNEXPECTED = 9,        //!< a confirmation without a matching pending update
    UPDATE_REFUSED = 10,   //!< authentic, but the connection refused the rewrite
    OVER_BUDGET = 11       //!< the connection's budget of authenticity checks is spent
                           //!< (ChangeExchange CheckRate): refused unchecked
};

/// Number of ChangeRejectReason values.
constexpr std::size_t N_CHANGE_REJECT_REASONS = 12;

/**
 * \ingroup mobisocket
 * \brief Why an address change did not complete (reported by the mover's
 *        exchange, or by the peer's when its answer could not be delivered).
 */
enum class ChangeFailReason : uint8_t
{
    NOT_CONFIRMED = 0,     //!< no valid confirmation after every transmission
    TRANSPORT_TIMEOUT = 1, //!< the transport gave up delivering the update (SIP Timer F)
    TRANSPORT_REFUSED = 2, //!< the transport got a refusal (a SIP non-2xx final response)
    RENDEZVOUS_FAILED = 3, //!< the rendezvous needed first failed (SIP re-REGISTER)
    NO_CONNECTION = 4,     //!< the address changed without a connection to update
    NO_KEY = 5,            //!< this end cannot authenticate its update
    UPDATE_REFUSED = 6,    //!< the local connection refused the new address
    CONFIRM_FAILED = 7     //!< the peer's confirmation could not be delivered
};

/// Number of ChangeFailReason values.
constexpr std::size_t N_CHANGE_FAIL_REASONS = 8;

/**
 * \param reason a reject reason
 * \return its name ("replayed", "bad-authenticator", ...)
 */
const char* GetChangeRejectReasonName(ChangeRejectReason reason);

/**
 * \param reason a failure reason
 * \return its name ("not-confirmed", "transport-timeout", ...)
 */
const char* GetChangeFailReasonName(ChangeFailReason reason);

/**
 * \param os output stream
 * \param reason a reject reason
 * \return os, with the reason's name
 */
std::ostream& operator<<(std::ostream& os, ChangeRejectReason reason);

/**
 * \param os output stream
 * \param reason a failure reason
 * \return os, with the reason's name
 */
std::ostream& operator<<(std::ostream& os, ChangeFailReason reason);

} // namespace ns3

#endif /* CHANGE_REASONS_H */
