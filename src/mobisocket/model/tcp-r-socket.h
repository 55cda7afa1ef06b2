/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_R_SOCKET_H
#define TCP_R_SOCKET_H

#include "key-agreeing-tcp-socket.h"

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief A model of TCP-R ("TCP Redirection", Funato, Yasuda and Tokuda,
 *        ICNP 1997): TCP changed so that its connections survive an address
 *        change, authenticated with a secret the two ends set up in advance.
 *
 * What is known of TCP-R (the full text is not available, see the module
 * documentation) and how it is modelled:
 * - Every connection prepares the secret when it is established, whether it
 *   will ever move or not (the cost the MobiSocket paper criticises): the
 *   ends offer TCP-R in the SYN (RFC 6994 option, ExID 0x5452 "TR") and, once
 *   established, run an X25519 key agreement (libsodium) in two control
 *   segments: the opener's key share, retransmitted until the responder's
 *   share answers it. Both ends charge a key share and a key agreement to
 *   their CryptoAgent.
 * - New states hold the connection while the address is lost: DETACHED
 *   (NotifyAddressLost: the retransmission timer is frozen, nothing is sent
 *   or backed off) and REDIRECTING (a new address: the redirect request is
 *   out). NORMAL otherwise.
 * - Redirect: one round trip from the new address, a request carrying the
 *   connection token, a sequence number, the old and new address and port,
 *   authenticated with an HMAC-SHA256 keyed by the secret, and an
 *   acknowledgement authenticated the same way (the socket's in-band
 *   ChangeExchange with a MacAuthenticator). Forged and replayed requests
 *   are rejected.
 * - After the redirect both ends resume at once (TCP-R presents itself as a
 *   fix for the retransmission-timeout problem): ResetTimerAfterChange.
 * - No rendezvous: when both ends move at once each request goes to the
 *   other's stale address and the redirect fails.
 *
 * The secret, the hold states and the host's notifications are the
 * mechanism it shares with TCP Migrate (KeyAgreeingTcpSocket); TCP-R names
 * its option, its messages (RedirectRequest/RedirectAck, URG control
 * segments) and its states.
 *
 * Applications use it like TCP (TcpRSocketFactory); the host's TCP-R layer
 * learns of address changes through NotifyAddressLost()/NotifyNewAddress()
 * (TcpRHelper forwards them for all sockets of a node).
 */
class TcpRSocket : public KeyAgreeingTcpSocket
{
  public:
    /// TCP-R's names of the hold states (REDIRECTING: the redirect request is out).
    using TcpRState = HoldState;
    /// The redirect request is out, no answer yet (KeyAgreeingTcpSocket::MOVING).
    static constexpr HoldState REDIRECTING = MOVING;

    /// RFC 6994 experiment identifier of the TCP-R option ("TR").
    static constexpr uint16_t EXID = 0x5452;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
#if MOBISOCKET_OBJECT_OVERRIDES_INSTANCE_TYPE_ID
    /// \return this object's TypeId (ns-3 < 3.45 asks the subclass)
    TypeId GetInstanceTypeId() const override;
#endif

    TcpRSocket();

    /**
     * \brief Copy constructor (a listening socket forks its connections).
     * \param other the socket to copy
     */
    TcpRSocket(const TcpRSocket& other);

    ~TcpRSocket() override;

    /// \return the TCP-R state
    TcpRState GetTcpRState() const;

    /// \return true if TCP-R was negotiated on this connection
    bool IsTcpRActive() const;

    /**
     * TracedValue callback signature for the TCP-R state.
     * \param [in] oldValue the previous state
     * \param [in] newValue the new state
     */
    typedef void (*TcpRStateTracedCallback)(TcpRState oldValue, TcpRState newValue);

  protected:
    Ptr<TcpSocketBase> Fork() override;
};

} // namespace ns3

#endif /* TCP_R_SOCKET_H */
