/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SIGNALLING_CLASSIFIER_H
#define SIGNALLING_CLASSIFIER_H

#include "ns3/packet.h"
#include "ns3/ptr.h"

#include <string>

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief Names the signalling messages of every scheme in IPv4 packets: SIP
 *        (the method of a request, "<status>/<CSeq method>" of a response),
 *        the control messages in band (URG segments with an envelope:
 *        "AddChange", "KeyShare", ...) and over the daemons' UDP ("UDP
 *        RedirectRequest", ...), TCP Migrate's SYNs ("Migrate SYN", "Migrate
 *        SYN/ACK"), the DNS rendezvous on UDP port 53 ("DNS UPDATE", "DNS
 *        UPDATE response", "DNS query", "DNS query response"), and DHCP.
 *        Everything else (data, ACKs) has
 *        no name. The timeline counts what the hosts send by these names;
 *        SignallingErrorModel drops what they name.
 */
class SignallingClassifier
{
  public:
    /// The name of DHCP messages (address acquisition, not a scheme's signalling).
    static constexpr const char* DHCP = "DHCP";

    /**
     * \param packet an IPv4 packet (its header first)
     * \return the name of the signalling message it carries, or "" if none
     */
    static std::string Name(Ptr<const Packet> packet);
};

} // namespace ns3

#endif /* SIGNALLING_CLASSIFIER_H */
