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
 * \brief Names the signalling messages of every scheme in IPv4 and IPv6
 *        packets: SIP (the method of a request, "<status>/<CSeq method>" of
 *        a response), the control messages in band (URG segments with an
 *        envelope: "AddChange", "KeyShare", ...) and over the daemons' UDP
 *        ("UDP RedirectRequest", ...), TCP Migrate's SYNs ("Migrate SYN",
 *        "Migrate SYN/ACK"), the DNS rendezvous on UDP port 53 ("DNS
 *        UPDATE", "DNS UPDATE response", "DNS query", "DNS query response"),
 *        and address acquisition: DHCP, and IPv6's Router Solicitations
 *        ("RS"), Router Advertisements ("RA") and the Neighbor Solicitations
 *        of duplicate address detection ("DAD NS": from the unspecified
 *        address). Everything else (data, ACKs, address resolution) has no
 *        name. The timeline counts what the hosts send by these names;
 *        SignallingErrorModel drops what they name, except address
 *        acquisition.
 */
class SignallingClassifier
{
  public:
    /// The name of DHCP messages (address acquisition, not a scheme's signalling).
    static constexpr const char* DHCP = "DHCP";
    /// The name of ICMPv6 Router Solicitations (address acquisition).
    static constexpr const char* ROUTER_SOLICITATION = "RS";
    /// The name of ICMPv6 Router Advertisements (address acquisition).
    static constexpr const char* ROUTER_ADVERTISEMENT = "RA";
    /// The name of the Neighbor Solicitations of duplicate address detection.
    static constexpr const char* DAD_SOLICITATION = "DAD NS";

    /**
     * \param packet an IPv4 packet (its header first)
     * \return the name of the signalling message it carries, or "" if none
     */
    static std::string Name(Ptr<const Packet> packet);

    /**
     * \param packet an IPv6 packet (its fixed header first; the module's
     *        messages travel without extension headers)
     * \return the name of the signalling message it carries, or "" if none
     */
    static std::string Name6(Ptr<const Packet> packet);

    /**
     * \param name a name given by Name() or Name6()
     * \return whether it names a message of address acquisition (DHCP, RS,
     *         RA, DAD NS), which no mobility scheme sends
     */
    static bool IsAddressAcquisition(const std::string& name);
};

} // namespace ns3

#endif /* SIGNALLING_CLASSIFIER_H */
