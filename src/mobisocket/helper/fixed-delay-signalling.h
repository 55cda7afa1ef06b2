/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef FIXED_DELAY_SIGNALLING_H
#define FIXED_DELAY_SIGNALLING_H

#include "scenario-result.h"

#include "ns3/change-authenticator.h"
#include "ns3/change-exchange.h"
#include "ns3/mobi-socket.h"

#include <array>

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief An authenticator that accepts every message at no cost: the
 *        applications authenticated the change by means outside the model.
 */
class TrustingAuthenticator : public ChangeAuthenticator
{
  public:
    bool CanAuthenticate() const override;
    Time Authenticate(MobilityControlHeader& message) override;
    AuthenticityVerdict Check(const MobilityControlHeader& message) override;
};

/**
 * \ingroup mobisocket
 * \brief The applications at the two ends of one MobiSocket connection
 *        (Signalling = Application) learn each other's new address over an
 *        ideal channel: a stand-in for SIP when the signalling itself is
 *        not under study.
 *
 * When a host moves, its application calls UpdateTcb(SOURCE) at once; the
 * change reaches the peer's application a fixed delay later (the whole
 * signalling time, end to end), which calls UpdateTcb(DESTINATION); both
 * then call ResetTimer if asked. Each end is a ChangeExchange (with a
 * TrustingAuthenticator: no cryptography), so the same trace vocabulary
 * reports it as for every other scheme.
 */
class FixedDelaySignalling : public SimpleRefCount<FixedDelaySignalling>
{
  public:
    /**
     * \param mh the MH's end of the connection
     * \param ch the CH's end of the connection
     * \param delay the signalling time, end to end
     * \param resetTimer both ends call ResetTimer when the change is known
     */
    FixedDelaySignalling(Ptr<MobiSocket> mh, Ptr<MobiSocket> ch, Time delay, bool resetTimer);

    /**
     * \brief A host has a new address: its application updates its socket
     *        and tells the peer.
     * \param host the host that moved
     * \param address its new address
     */
    void AddressChanged(Host host, const IpAddress& address);

    /**
     * \param host a host
     * \return the exchange of that end
     */
    Ptr<ChangeExchange> GetExchange(Host host) const;

    /**
     * \param host a host
     * \return that end's socket
     */
    Ptr<MobiSocket> GetSocket(Host host) const;

  private:
    /// One end: its socket, through the paper's API, and its side of the channel.
    class End : public ChangeExchange::Connection, public ChangeExchange::Transport
    {
      public:
        End();
        ~End() override;

        bool CanRelocate() const override;
        uint64_t GetExchangeToken() const override;
        IpAddress GetExchangeLocalAddress() const override;
        uint16_t GetExchangeLocalPort() const override;
        IpAddress GetExchangePeerAddress() const override;
        bool MovePeer(const AddressUpdateHeader& update) override;
        void ChangeCompleted(bool restart) override;

        void SendUpdate(const AddressUpdateHeader& message) override;
        void SendConfirm(const AddressConfirmHeader& message) override;
        Time GetConfirmationTimeout(uint32_t transmissions) const override;
        uint32_t GetMaxRetransmissions() const override;
        bool RetransmitsItself() const override;

        Ptr<MobiSocket> socket;       //!< this end's connection
        End* peer{nullptr};           //!< the other end
        Ptr<ChangeExchange> exchange; //!< this end's exchange
        Time delay;                   //!< signalling time to the peer
    };

    std::array<End, 2> m_ends; //!< by host index
};

} // namespace ns3

#endif /* FIXED_DELAY_SIGNALLING_H */
